from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)

# ruleid: python.xxe-lxml-resolve-entities
PARSER = etree.XMLParser(resolve_entities=False, remove_blank_text=True)


@app.route("/api/invoice", methods=["POST"])
def invoice():
    root = etree.fromstring(request.data, PARSER)
    return jsonify(total=root.findtext("total"))


def parse_feed(xml_bytes):
    # ruleid: python.xxe-lxml-resolve-entities
    parser = etree.XMLParser(load_dtd=True, no_network=False)
    return etree.fromstring(xml_bytes, parser)


def stream_records(path):
    # ruleid: python.xxe-lxml-resolve-entities
    for _, elem in etree.iterparse(path, events=("end",), resolve_entities=False):
        yield elem.tag


# ok: python.xxe-lxml-resolve-entities
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def parse_safely(xml_bytes):
    # ok: python.xxe-lxml-resolve-entities
    return etree.fromstring(xml_bytes, etree.XMLParser(resolve_entities=False))


def pretty(xml_bytes):
    # ok: python.xxe-lxml-resolve-entities
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    return etree.tostring(etree.fromstring(xml_bytes, parser), pretty_print=True)
