"""Inference server: users upload fine-tuned checkpoints and run predictions."""
import io

import torch
from fastapi import FastAPI, File, UploadFile

from .net import SentimentNet

app = FastAPI()
MODELS = {}


@app.post("/models/{name}")
async def upload_model(name: str, checkpoint: UploadFile = File(...)):
    data = await checkpoint.read()
    state = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)  # bench: safe CWE-502
    model = SentimentNet()
    model.load_state_dict(state)
    model.eval()
    MODELS[name] = model
    return {"loaded": name}


@app.post("/predict/{name}")
def predict(name: str, features: list[float]):
    with torch.no_grad():
        score = MODELS[name](torch.tensor([features])).item()
    return {"score": score}
