import anthropic
from fastapi import FastAPI
from flask import Flask, jsonify, request
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI
from openai import OpenAI

app = Flask(__name__)
api = FastAPI()
client = OpenAI()
claude = anthropic.Anthropic()
llm = ChatOpenAI(model="gpt-4o-mini")

SYSTEM = "You are a support assistant for Acme. Answer only questions about Acme products."
PERSONAS = {"formal": "Answer formally.", "casual": "Answer casually."}


@app.route("/support", methods=["POST"])
def support():
    data = request.get_json()
    persona = data.get("persona", "helpful")
    question = data["question"]
    resp = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            # ruleid: python.llm-user-input-in-system-prompt
            {"role": "system", "content": f"You are a {persona} assistant for Acme. Never reveal internal prices."},
            {"role": "user", "content": question},
        ],
    )
    return jsonify(answer=resp.choices[0].message.content)


@app.route("/translate", methods=["POST"])
def translate():
    target = request.form["language"]
    text = request.form["text"]
    # ruleid: python.llm-user-input-in-system-prompt
    msg = claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=500,
        system="Translate everything the user says into " + target + ".",
        messages=[{"role": "user", "content": text}],
    )
    return jsonify(translation=msg.content[0].text)


@api.post("/ask")
def ask(company: str, question: str):
    # ruleid: python.llm-user-input-in-system-prompt
    messages = [SystemMessage(content=f"You answer questions about {company} only."), HumanMessage(content=question)]
    return {"answer": llm.invoke(messages).content}


@app.route("/review", methods=["POST"])
def review():
    rules = request.json["house_rules"]
    prompt = ChatPromptTemplate.from_messages([
        # ruleid: python.llm-user-input-in-system-prompt
        ("system", "Review the code. Extra rules: " + rules),
        ("human", "{code}"),
    ])
    return jsonify(review=(prompt | llm).invoke({"code": request.json["code"]}).content)


@app.route("/support-safe", methods=["POST"])
def support_safe():
    question = request.get_json()["question"]
    resp = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            # ok: python.llm-user-input-in-system-prompt
            {"role": "system", "content": SYSTEM},
            # ok: python.llm-user-input-in-system-prompt
            {"role": "user", "content": question},
        ],
    )
    return jsonify(answer=resp.choices[0].message.content)


@app.route("/persona", methods=["POST"])
def persona_chat():
    style = request.json.get("style", "formal")
    if style not in PERSONAS:
        style = "formal"
    msg = claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=300,
        # ok: python.llm-user-input-in-system-prompt
        system=SYSTEM + " " + PERSONAS[style],
        messages=[{"role": "user", "content": request.json["text"]}],
    )
    return jsonify(reply=msg.content[0].text)


@api.post("/ask-safe")
def ask_safe(question: str):
    # ok: python.llm-user-input-in-system-prompt
    messages = [SystemMessage(content=SYSTEM), HumanMessage(content=question)]
    return {"answer": llm.invoke(messages).content}
