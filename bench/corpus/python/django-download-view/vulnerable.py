"""Invoice downloads for the billing app."""
import os

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseBadRequest

INVOICE_DIR = os.path.join(settings.MEDIA_ROOT, "invoices")


@login_required
def download_invoice(request):
    filename = request.GET.get("file")
    if not filename:
        return HttpResponseBadRequest("missing file parameter")
    path = os.path.join(INVOICE_DIR, filename)
    if not os.path.exists(path):
        raise Http404("invoice not found")
    return FileResponse(open(path, "rb"), as_attachment=True)  # bench: vuln CWE-22


@login_required
def list_invoices(request):
    from django.http import JsonResponse

    names = sorted(n for n in os.listdir(INVOICE_DIR) if n.endswith(".pdf"))
    return JsonResponse({"invoices": names})
