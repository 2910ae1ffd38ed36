"""Django views for the sales dashboard: filtered reports straight from SQL."""
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse

from .models import Sale

ORDER_COLUMNS = {"total": "amount", "customer": "customer"}


@login_required
def region_report(request):
    region = request.GET.get("region", "north")
    year = request.GET.get("year", "2024")
    with connection.cursor() as cursor:
        cursor.execute("SELECT product, SUM(amount) FROM sales_sale "  # bench: safe CWE-89
                       "WHERE region = %s AND strftime('%%Y', sold_at) = %s GROUP BY product",
                       [region, year])
        rows = cursor.fetchall()
    return JsonResponse({"region": region, "totals": [{"product": p, "total": t} for p, t in rows]})


@login_required
def top_customers(request):
    order = ORDER_COLUMNS.get(request.GET.get("order", "total"), "amount")
    sales = Sale.objects.raw(f"SELECT id, customer, amount AS total FROM sales_sale ORDER BY {order} DESC LIMIT 10")  # bench: safe CWE-89
    return JsonResponse({"customers": [{"customer": s.customer, "total": s.total} for s in sales]})


@login_required
def by_product(request, product):
    count = Sale.objects.filter(product=product).count()
    return JsonResponse({"product": product, "count": count})
