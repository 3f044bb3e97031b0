import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
    /** The local port to connect to instead of the server's. */
    readonly port: number;
    /** Drops every connection at once, as a failing network or a restarted load balancer does. */
    cut(): void;
    close(): Promise<void>;
}

/**
 * A TCP proxy in front of a database server, so a test can cut the connection under a running
 * client without touching the server.
 *
 * @example
 * const proxy = await startTcpProxy("127.0.0.1", 5432);
 * // ... connect to 127.0.0.1:${proxy.port}, then:
 * proxy.cut();
 */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
    const sockets = new Set<Socket>();
    const track = (socket: Socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => undefined);
    };
    const server: Server = createServer((client) => {
        const upstream = createConnection({ host, port });
        track(client);
        track(upstream);
        client.pipe(upstream);
        upstream.pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("the proxy has no port");
    return {
        port: address.port,
        cut: () => {
            for (const socket of sockets) socket.destroy();
        },
        close: () =>
            new Promise((resolve) => {
                for (const socket of sockets) socket.destroy();
                server.close(() => resolve());
            }),
    };
}
