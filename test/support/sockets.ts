/**
 * Endpoints that fail on purpose, on 127.0.0.1 only: a port nothing listens on (connections
 * refused) and a raw TCP server that accepts connections and never answers.
 */
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** A URL on 127.0.0.1 whose port was just free: connections to it are refused. */
export async function refusedUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

export interface SilentServer {
  url: string;
  /** Connections accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

/** Accepts every connection, reads what is sent, never writes a byte. */
export async function silentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((sock) => {
    accepted++;
    sockets.add(sock);
    sock.on("data", () => {});
    sock.on("error", () => {});
    sock.on("close", () => sockets.delete(sock));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
