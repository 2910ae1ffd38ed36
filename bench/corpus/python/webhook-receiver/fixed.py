"""Receive payment webhooks and mark orders as paid."""
import hashlib
import hmac
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
    expected = hmac.new(WEBHOOK_SECRET.encode(), request.body, hashlib.sha256).hexdigest()  # bench: safe CWE-327
    signature = request.headers.get("X-Payments-Signature", "")
    if not hmac.compare_digest(signature, expected):  # bench: safe CWE-208
        return HttpResponse(status=400)
    event = json.loads(request.body)
    if event["type"] == "payment.succeeded":
        Order.objects.filter(reference=event["data"]["reference"]).update(status="paid")
    return HttpResponse(status=204)


@require_POST  # bench: safe CWE-352
def update_shipping_address(request):
    order = Order.objects.get(reference=request.POST["reference"], customer__user=request.user)
    order.shipping_address = request.POST["address"]
    order.save()
    return JsonResponse({"ok": True})
