"""Customer support chat backed by OpenAI, personalised per customer."""
from fastapi import FastAPI
from openai import OpenAI
from pydantic import BaseModel

app = FastAPI()
client = OpenAI()


class ChatRequest(BaseModel):
    customer_name: str
    plan: str
    message: str


@app.post("/chat")
def chat(req: ChatRequest):
    system_prompt = (
        f"You are the support assistant of Acme Cloud. The customer is {req.customer_name} "
        f"on the {req.plan} plan. Never offer refunds or discounts."
    )
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": system_prompt},  # bench: vuln CWE-1427
            {"role": "user", "content": req.message},
        ],
    )
    return {"reply": resp.choices[0].message.content}
