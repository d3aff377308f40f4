// Downloads a report (GET /reports/...) with the signed-in user's token and hands it to the browser
// as a file: the report routes want the Bearer header, which a plain link cannot send.
export async function downloadReport(path: string, token: string | null, fallbackName: string): Promise<void> {
  const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    let message = `下载失败（HTTP ${res.status}）`;
    try {
      const body = (await res.json()) as { errors?: { message: string }[] };
      if (body.errors?.[0]) message += `：${body.errors[0].message}`;
    } catch {
      /* not JSON */
    }
    throw new Error(message);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
