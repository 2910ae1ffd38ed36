"""Bulk product import from partner XML feeds."""
from defusedxml import lxml as safe_lxml
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
PRODUCTS = {}


@app.post("/api/import/products")
def import_products():
    if request.content_type not in ("application/xml", "text/xml"):
        return jsonify(error="send XML"), 415
    root = safe_lxml.fromstring(request.data)  # bench: safe CWE-611
    imported = 0
    for item in root.iter("product"):
        sku = item.findtext("sku")
        PRODUCTS[sku] = {"name": item.findtext("name"), "price": float(item.findtext("price", "0"))}
        imported += 1
    return jsonify(imported=imported)


@app.post("/api/import/catalog")
def import_catalog():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)  # bench: safe CWE-611
    tree = etree.fromstring(request.files["catalog"].read(), parser)
    return jsonify(categories=[c.get("name") for c in tree.iter("category")])
