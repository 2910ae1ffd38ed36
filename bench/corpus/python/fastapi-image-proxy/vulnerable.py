"""Image proxy: fetches remote images so the frontend can display them."""
import httpx
from fastapi import FastAPI, HTTPException
from fastapi.responses import Response

app = FastAPI()


@app.get("/proxy/image")
async def proxy_image(url: str):
    async with httpx.AsyncClient(timeout=10, follow_redirects=True) as client:
        r = await client.get(url)  # bench: vuln CWE-918
    if r.status_code != 200 or not r.headers.get("content-type", "").startswith("image/"):
        raise HTTPException(status_code=502, detail="not an image")
    return Response(content=r.content, media_type=r.headers["content-type"])


@app.get("/proxy/meta")
def proxy_meta(host: str, path: str = "/"):
    r = httpx.get(f"http://{host}{path}", timeout=5)  # bench: vuln CWE-918
    return {"status": r.status_code, "length": len(r.content)}
