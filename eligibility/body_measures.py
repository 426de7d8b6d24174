"""Height and weight as US patients give them (feet and inches, pounds), in the units dosing uses (cm, kg).

Ketamine infusions are dosed in mg per kg of body weight. The answers are stored as typed; these conversions are
made on reading, so a draft saved before the feet-and-inches question (total inches, `height_inches`) reads too.
"""

from dataclasses import dataclass

CM_PER_INCH = 2.54
KG_PER_POUND = 0.45359237  # the international avoirdupois pound, exactly


@dataclass(frozen=True)
class BodyMeasures:
    height_inches: int | None
    weight_pounds: int | None

    @property
    def height_cm(self) -> float | None:
        return None if self.height_inches is None else round(self.height_inches * CM_PER_INCH, 1)

    @property
    def weight_kg(self) -> float | None:
        return None if self.weight_pounds is None else round(self.weight_pounds * KG_PER_POUND, 1)

    @property
    def height_feet_and_inches(self) -> str:
        return "" if self.height_inches is None else f"{self.height_inches // 12} ft {self.height_inches % 12} in"


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def measures_from(about_you: dict) -> BodyMeasures:
    """The 'About you' answers as measures; either shape of answer, and nothing at all, read safely."""
    feet, inches = _number(about_you.get("height_ft")), _number(about_you.get("height_in"))
    # Drafts saved before feet and inches were asked hold the total in inches.
    total_inches = feet * 12 + (inches or 0) if feet is not None else _number(about_you.get("height_inches"))
    pounds = _number(about_you.get("weight_lb"))
    if pounds is None:
        pounds = _number(about_you.get("weight_pounds"))
    return BodyMeasures(height_inches=total_inches, weight_pounds=pounds)
