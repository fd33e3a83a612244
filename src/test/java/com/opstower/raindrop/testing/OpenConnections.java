package com.opstower.raindrop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Open TCP connections of this machine, read from the kernel's tables. */
public final class OpenConnections {

    private OpenConnections() {
    }

    /** Open TCP connections of this machine to the given local port (client side), from /proc/net/tcp and tcp6; -1 elsewhere. */
    public static int to(int port) throws IOException {
        int count = 0;
        boolean found = false;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            found = true;
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                String remote = columns[2];
                boolean establishedState = columns[3].equals("01");
                int remotePort = Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16);
                if (establishedState && remotePort == port) {
                    count++;
                }
            }
        }
        return found ? count : -1;
    }
}
