import xml.sax
from xml.sax.handler import feature_external_ges, feature_external_pes, feature_namespaces

from flask import Flask, jsonify, request


class TitleHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.titles = []


app = Flask(__name__)


@app.route("/api/import", methods=["POST"])
def import_feed():
    handler = TitleHandler()
    parser = xml.sax.make_parser()
    # ruleid: python.xxe-sax-external-entities
    parser.setFeature(feature_external_ges, True)
    # ruleid: python.xxe-sax-external-entities
    parser.setFeature(feature_external_pes, True)
    parser.setContentHandler(handler)
    xml.sax.parseString(request.data, handler)
    return jsonify(titles=handler.titles)


def parse_catalog(path):
    parser = xml.sax.make_parser()
    # ruleid: python.xxe-sax-external-entities
    parser.setFeature("http://xml.org/sax/features/external-general-entities", True)
    parser.parse(path)


def parse_safely(path):
    parser = xml.sax.make_parser()
    # ok: python.xxe-sax-external-entities
    parser.setFeature(feature_external_ges, False)
    # ok: python.xxe-sax-external-entities
    parser.setFeature(feature_namespaces, True)
    parser.parse(path)


def parse_default(path):
    handler = TitleHandler()
    # ok: python.xxe-sax-external-entities
    xml.sax.parse(path, handler)
    return handler.titles
