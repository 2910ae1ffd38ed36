"""Ask a model to analyse a CSV and run the code it writes."""
import sys

import pandas as pd
from openai import OpenAI

client = OpenAI()

PROMPT = """You are a data analyst. The dataframe `df` has columns: {columns}.
Write Python code that computes the answer to: {question}
Store the answer in a variable named `result`. Reply with code only."""


def ask(df, question):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": PROMPT.format(columns=", ".join(df.columns), question=question)}],
    )
    code = completion.choices[0].message.content.strip().strip("`")
    scope = {"df": df, "pd": pd}
    exec(code, scope)  # bench: vuln CWE-94
    return scope.get("result")


if __name__ == "__main__":
    frame = pd.read_csv(sys.argv[1])
    print(ask(frame, " ".join(sys.argv[2:])))
