import defusedxml.ElementTree as SafeET
from defusedxml import lxml as safe_lxml
from django.http import JsonResponse
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/api/orders", methods=["POST"])
def create_order():
    # ruleid: python.xxe-untrusted-xml
    root = etree.fromstring(request.data)
    return jsonify(sku=root.findtext("sku"))


@app.route("/api/upload-xml", methods=["POST"])
def upload_xml():
    f = request.files["doc"]
    # ruleid: python.xxe-untrusted-xml
    tree = etree.parse(f)
    return jsonify(tag=tree.getroot().tag)


def soap_endpoint(request):
    body = request.body
    # ruleid: python.xxe-untrusted-xml
    envelope = etree.XML(body)
    return JsonResponse({"action": envelope.tag})


@app.route("/api/orders-safe", methods=["POST"])
def create_order_safe():
    # ok: python.xxe-untrusted-xml
    root = etree.fromstring(request.data, SAFE_PARSER)
    return jsonify(sku=root.findtext("sku"))


@app.route("/api/orders-defused", methods=["POST"])
def create_order_defused():
    # ok: python.xxe-untrusted-xml
    root = SafeET.fromstring(request.data)
    return jsonify(sku=root.findtext("sku"))


def load_config():
    # a file shipped with the application
    # ok: python.xxe-untrusted-xml
    return etree.parse("config/settings.xml")


def soap_endpoint_safe(request):
    # ok: python.xxe-untrusted-xml
    envelope = safe_lxml.fromstring(request.body)
    return JsonResponse({"action": envelope.tag})


@app.route("/api/orders-default-parser", methods=["POST"])
def create_order_default_parser():
    # an explicit parser with default settings still resolves entities before lxml 5: not followed
    # todoruleid: python.xxe-untrusted-xml
    root = etree.fromstring(request.data, etree.XMLParser())
    return jsonify(sku=root.findtext("sku"))
