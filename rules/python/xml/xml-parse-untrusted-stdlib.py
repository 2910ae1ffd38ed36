import xml.etree.ElementTree as ET
from xml.dom import minidom

import defusedxml.ElementTree as SafeET
import xmltodict
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/api/feed", methods=["POST"])
def feed():
    # ruleid: python.xml-parse-untrusted-stdlib
    root = ET.fromstring(request.data)
    return jsonify(items=[i.findtext("title") for i in root.iter("item")])


@app.route("/api/contact", methods=["POST"])
def contact():
    payload = request.get_data(as_text=True)
    # ruleid: python.xml-parse-untrusted-stdlib
    doc = minidom.parseString(payload)
    return jsonify(name=doc.getElementsByTagName("name")[0].firstChild.data)


@app.route("/api/convert", methods=["POST"])
def convert():
    # ruleid: python.xml-parse-untrusted-stdlib
    return jsonify(xmltodict.parse(request.data))


@app.route("/api/feed-safe", methods=["POST"])
def feed_safe():
    # ok: python.xml-parse-untrusted-stdlib
    root = SafeET.fromstring(request.data)
    return jsonify(items=[i.findtext("title") for i in root.iter("item")])


def read_manifest(path="manifest.xml"):
    # ok: python.xml-parse-untrusted-stdlib
    return ET.parse(path).getroot()


def build_reply(name):
    root = ET.Element("reply")
    ET.SubElement(root, "name").text = name
    # ok: python.xml-parse-untrusted-stdlib
    return ET.tostring(root)
