"""Orders API on FastAPI and SQLAlchemy Core."""
from typing import Optional

from fastapi import FastAPI, HTTPException
from sqlalchemy import create_engine, text

app = FastAPI()
engine = create_engine("postgresql+psycopg2://shop:shop@localhost/shop")


@app.get("/orders")
def list_orders(status: str = "open", customer: Optional[str] = None, limit: int = 50):
    sql = "SELECT id, customer, total, status FROM orders WHERE status = :status"
    params = {"status": status, "limit": min(limit, 200)}
    if customer:
        sql += " AND customer = :customer"
        params["customer"] = customer
    sql += " ORDER BY id DESC LIMIT :limit"
    with engine.connect() as conn:
        rows = conn.execute(text(sql), params).mappings().all()  # bench: safe CWE-89
    return {"orders": [dict(r) for r in rows]}


@app.get("/orders/{order_id}")
def get_order(order_id: int):
    with engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM orders WHERE id = :id"), {"id": order_id}).mappings().first()
    if row is None:
        raise HTTPException(status_code=404, detail="order not found")
    return dict(row)


@app.delete("/orders")
def cancel_orders(customer: str):
    with engine.begin() as conn:
        result = conn.execute(text("UPDATE orders SET status = 'cancelled' WHERE customer = :c"), {"c": customer})  # bench: safe CWE-89
    return {"cancelled": result.rowcount}
