import ast
import json
import re

import anthropic
from langchain_openai import ChatOpenAI
from openai import OpenAI

client = OpenAI()
claude = anthropic.Anthropic()
llm = ChatOpenAI(model="gpt-4o-mini")

TOOLS = {"sum": sum, "max": max, "min": min}


def analyze(df, question):
    resp = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": "Write pandas code that answers the question. Assign the answer to `result`."},
            {"role": "user", "content": question},
        ],
    )
    code = resp.choices[0].message.content
    code = re.sub(r"^```(python)?|```$", "", code.strip(), flags=re.M)
    scope = {"df": df}
    # ruleid: python.llm-output-code-execution
    exec(code, scope)
    return scope.get("result")


def calculate(expression_request):
    msg = claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=200,
        messages=[{"role": "user", "content": f"Turn this into a Python expression: {expression_request}"}],
    )
    expr = msg.content[0].text
    # ruleid: python.llm-output-code-execution
    return eval(expr)


def run_plan(task):
    plan = llm.invoke(f"Write Python that does: {task}").content
    # ruleid: python.llm-output-code-execution
    exec(compile(plan, "<llm>", "exec"))


def structured(question, values):
    resp = client.chat.completions.create(
        model="gpt-4o",
        response_format={"type": "json_object"},
        messages=[{"role": "user", "content": question}],
    )
    # ok: python.llm-output-code-execution
    call = json.loads(resp.choices[0].message.content)
    fn = TOOLS.get(call.get("tool"))
    return fn(values) if fn else None


def parse_list(question):
    text = llm.invoke(question).content
    # ok: python.llm-output-code-execution
    return ast.literal_eval(text)


def local_math():
    # ok: python.llm-output-code-execution
    return eval("2 ** 10")
