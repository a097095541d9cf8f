import WS from 'ws';

/** Opens a raw WebSocket; resolves with the socket once open, or rejects with the HTTP status of a refused upgrade. */
export function openRawSocket(url: string, headers: Record<string, string> = {}): Promise<WS> {
  return new Promise((resolve, reject) => {
    const { origin, ...rest } = headers;
    const ws = new WS(url, { headers: rest, ...(origin ? { origin } : {}) });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`upgrade refused with HTTP ${res.statusCode}`), { status: res.statusCode }));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

export const closeCodeOf = (ws: WS): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
