"""Image proxy: fetches remote images so the frontend can display them."""
from urllib.parse import quote, urlparse

import httpx
from fastapi import FastAPI, HTTPException
from fastapi.responses import Response

app = FastAPI()
ALLOWED_HOSTS = {"images.unsplash.com", "cdn.example.com"}


@app.get("/proxy/image")
async def proxy_image(url: str):
    parts = urlparse(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400, detail="host not allowed")
    async with httpx.AsyncClient(timeout=10, follow_redirects=False) as client:
        r = await client.get(url)  # bench: safe CWE-918
    if r.status_code != 200 or not r.headers.get("content-type", "").startswith("image/"):
        raise HTTPException(status_code=502, detail="not an image")
    return Response(content=r.content, media_type=r.headers["content-type"])


@app.get("/proxy/meta")
def proxy_meta(path: str = "/"):
    r = httpx.get(f"https://cdn.example.com/{quote(path.lstrip('/'))}", timeout=5)  # bench: safe CWE-918
    return {"status": r.status_code, "length": len(r.content)}
