"""Ask a model to analyse a CSV and run the code it writes."""
import json
import sys

import pandas as pd
from openai import OpenAI

client = OpenAI()

PROMPT = """You are a data analyst. The dataframe `df` has columns: {columns}.
Answer the question: {question}
Reply with JSON only: {{"column": <column name>, "operation": "mean" | "sum" | "max" | "min" | "count"}}."""
OPERATIONS = {"mean", "sum", "max", "min", "count"}


def ask(df, question):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": PROMPT.format(columns=", ".join(df.columns), question=question)}],
    )
    plan = json.loads(completion.choices[0].message.content)
    if plan.get("column") not in df.columns or plan.get("operation") not in OPERATIONS:
        raise ValueError("the model asked for an unknown column or operation")
    return getattr(df[plan["column"]], plan["operation"])()  # bench: safe CWE-94


if __name__ == "__main__":
    frame = pd.read_csv(sys.argv[1])
    print(ask(frame, " ".join(sys.argv[2:])))
