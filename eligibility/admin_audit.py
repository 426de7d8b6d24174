"""Audit hooks for any admin page that shows patient records (issue 11, finding 2)."""

from eligibility.audit import client_address, record_access
from eligibility.lookup import search_hash
from eligibility.models import AuditEntry

NO_MATCH = "(no match)"


def _context(response) -> dict:
    return getattr(response, "context_data", None) or {}


class AuditedRecordsMixin:
    """Writes an audit row for every display of a record, whatever the method or status code (a refused change is
    shown again, answers and all), for every changelist search (its term only as a keyed hash, one row per record
    found) and for every history page. Mix it in before `admin.ModelAdmin`; override `audit_reference` when the
    model's reference is not `obj.reference`."""

    # The admin's autocomplete searches with none of the audit below: the admin site refuses it for these models.
    refuses_autocomplete = True

    def audit_reference(self, obj) -> str:
        return obj.reference

    def _audit(self, request, *, action: str, obj=None, reference: str = "", detail: str = "") -> None:
        reference = reference or self.audit_reference(obj)
        record_access(
            actor=request.user, action=action, reference=reference, address=client_address(request), detail=detail
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        shown = _context(response).get("original")
        if shown is not None:
            detail = "" if request.method in ("GET", "HEAD") else f"shown again after a {request.method}"
            self._audit(request, action=AuditEntry.Action.VIEWED, obj=shown, detail=detail)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        shown = _context(response).get("object")
        if shown is not None:
            self._audit(request, action=AuditEntry.Action.VIEWED, obj=shown, detail="history page")
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = _context(response).get("cl")
        if changelist is not None and changelist.query.strip():
            detail = f"search, term's keyed hash {search_hash(changelist.query)}"
            found = [self.audit_reference(obj) for obj in changelist.result_list] or [NO_MATCH]
            for reference in found:
                self._audit(request, action=AuditEntry.Action.SEARCHED, reference=reference, detail=detail)
        return response
