"""Orders API on FastAPI and SQLAlchemy Core."""
from typing import Optional

from fastapi import FastAPI, HTTPException
from sqlalchemy import create_engine, text

app = FastAPI()
engine = create_engine("postgresql+psycopg2://shop:shop@localhost/shop")


@app.get("/orders")
def list_orders(status: str = "open", customer: Optional[str] = None, limit: int = 50):
    sql = f"SELECT id, customer, total, status FROM orders WHERE status = '{status}'"
    if customer:
        sql += f" AND customer = '{customer}'"
    sql += f" ORDER BY id DESC LIMIT {limit}"
    with engine.connect() as conn:
        rows = conn.execute(text(sql)).mappings().all()  # bench: vuln CWE-89
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
        result = conn.execute(text("UPDATE orders SET status = 'cancelled' WHERE customer = '" + customer + "'"))  # bench: vuln CWE-89
    return {"cancelled": result.rowcount}
