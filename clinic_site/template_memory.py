"""What templates keep in a worker's memory ({% sitewide %} parts) is stamped with
`generation()` and not used once it changes: after any setting changes (tests override URLconfs and languages) or a
translation file is compiled again (the development server reloads translations without restarting)."""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.autoreload import file_changed

_generation = 0


def generation() -> int:
    return _generation


@receiver(setting_changed)
def _after_a_setting_changed(**_signal_arguments) -> None:
    global _generation
    _generation += 1


@receiver(file_changed)
def _after_a_translation_file_changed(file_path, **_signal_arguments) -> None:
    global _generation
    if file_path.suffix == ".mo":
        _generation += 1
