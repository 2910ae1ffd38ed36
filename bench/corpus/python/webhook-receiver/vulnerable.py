"""Receive payment webhooks and mark orders as paid."""
import hashlib
import json
import os

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Order

WEBHOOK_SECRET = os.environ["PAYMENTS_WEBHOOK_SECRET"]


@csrf_exempt
@require_POST
def payment_webhook(request):
    expected = hashlib.sha256(WEBHOOK_SECRET.encode() + request.body).hexdigest()  # bench: vuln CWE-327
    signature = request.headers.get("X-Payments-Signature", "")
    if signature != expected:  # bench: vuln CWE-208
        return HttpResponse(status=400)
    event = json.loads(request.body)
    if event["type"] == "payment.succeeded":
        Order.objects.filter(reference=event["data"]["reference"]).update(status="paid")
    return HttpResponse(status=204)


@csrf_exempt  # bench: vuln CWE-352
def update_shipping_address(request):
    order = Order.objects.get(reference=request.POST["reference"], customer__user=request.user)
    order.shipping_address = request.POST["address"]
    order.save()
    return JsonResponse({"ok": True})
