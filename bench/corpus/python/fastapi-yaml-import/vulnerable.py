"""Import pipeline definitions uploaded as YAML."""
from typing import Any

import yaml
from fastapi import FastAPI, File, HTTPException, UploadFile
from pydantic import BaseModel

app = FastAPI(title="Pipeline service")

PIPELINES: dict[str, dict[str, Any]] = {}


class PipelineSummary(BaseModel):
    name: str
    steps: int


@app.post("/pipelines/import", response_model=PipelineSummary)
async def import_pipeline(file: UploadFile = File(...)):
    if not file.filename.endswith((".yml", ".yaml")):
        raise HTTPException(status_code=400, detail="expected a YAML file")
    content = await file.read()
    try:
        spec = yaml.load(content, Loader=yaml.Loader)  # bench: vuln CWE-502
    except yaml.YAMLError as exc:
        raise HTTPException(status_code=422, detail=f"invalid YAML: {exc}")
    if not isinstance(spec, dict) or "name" not in spec:
        raise HTTPException(status_code=422, detail="pipeline needs a name")
    PIPELINES[spec["name"]] = spec
    return PipelineSummary(name=spec["name"], steps=len(spec.get("steps", [])))


@app.get("/pipelines/{name}")
async def get_pipeline(name: str):
    if name not in PIPELINES:
        raise HTTPException(status_code=404, detail="unknown pipeline")
    return PIPELINES[name]
