package ipnav.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.server.CommunityBootstrapper;
import org.neo4j.server.NeoBootstrapper;

import picocli.CommandLine;

/**
 * Starts the real Neo4j Community server (the same CommunityBootstrapper that {@code neo4j console}
 * runs) in a server home folder, listening on 127.0.0.1 only.
 *
 * <p>Usage: {@code java -cp ... ipnav.neo4j.Launcher HOME BOLT_PORT HTTP_PORT}. The password of user
 * {@code neo4j} comes from the environment variable {@code NEO4J_PASSWORD} (never from the command
 * line, so it does not show in {@code ps}). The launcher writes {@code HOME/conf/neo4j.conf}; on a
 * fresh home it sets the initial password with neo4j-admin's own {@code set-initial-password}
 * command; on an existing home it makes the stored password equal to {@code NEO4J_PASSWORD}. The
 * server stops on SIGTERM / SIGINT (Neo4j's own signal handlers), flushing its store.
 *
 * <p>Exit codes: 0 stopped cleanly; 2 bad arguments or password; otherwise Neo4j's start-up code.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            fail("usage: Launcher HOME BOLT_PORT HTTP_PORT (password in $NEO4J_PASSWORD)");
        }
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        int bolt = port(args[1], "BOLT_PORT");
        int http = port(args[2], "HTTP_PORT");
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("NEO4J_PASSWORD must be set and at least 8 characters long (Neo4j's minimum)");
        }
        Path conf = home.resolve("conf");
        for (String dir : List.of("conf", "data", "logs", "run", "plugins", "import")) {
            Files.createDirectories(home.resolve(dir));
        }
        Files.writeString(conf.resolve("neo4j.conf"), config(bolt, http), StandardCharsets.UTF_8);

        boolean fresh = !Files.exists(home.resolve("data/databases/system"));
        if (fresh) {
            int rc = new CommandLine(new SetInitialPasswordCommand(new ExecutionContext(home, conf)))
                    .execute(password);
            if (rc != 0) {
                fail("neo4j-admin dbms set-initial-password failed with exit code " + rc);
            }
        }

        CommunityBootstrapper server = new CommunityBootstrapper();
        int rc = NeoBootstrapper.start(server, "--home-dir=" + home, "--config-dir=" + conf);
        if (rc != 0) {
            System.err.println("ipnav-neo4j: Neo4j did not start (exit code " + rc + "); see "
                    + home.resolve("logs/neo4j.log") + " and " + home.resolve("logs/debug.log"));
            System.exit(rc);
        }
        if (!fresh) {
            syncPassword(server, password);
        }
        // scripts/neo4j-server waits for this file (written once the password is in force) and for Bolt.
        Files.writeString(home.resolve("run/ipnav-neo4j.ready"),
                "bolt://127.0.0.1:" + bolt + " http://127.0.0.1:" + http + " pid " + ProcessHandle.current().pid() + "\n",
                StandardCharsets.UTF_8);
        // Neo4j's non-daemon threads keep the JVM alive; its signal handlers stop it on SIGTERM.
    }

    /** Makes the stored password of user neo4j equal to NEO4J_PASSWORD (a no-op when it already is). */
    private static void syncPassword(CommunityBootstrapper server, String password) {
        try {
            server.getDatabaseManagementService().database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains("cannot be the same")) {
                System.err.println("ipnav-neo4j: could not set the password of user neo4j: " + msg);
                server.stop();
                System.exit(3);
            }
        }
    }

    private static String config(int bolt, int http) {
        return String.join("\n",
                "# Written by ipnav's launcher (tools/neo4j) on every start; edits are overwritten.",
                "server.default_listen_address=127.0.0.1",
                "server.default_advertised_address=127.0.0.1",
                "server.bolt.enabled=true",
                "server.bolt.listen_address=127.0.0.1:" + bolt,
                "server.bolt.advertised_address=127.0.0.1:" + bolt,
                "server.bolt.tls_level=DISABLED",
                "server.http.enabled=true",
                "server.http.listen_address=127.0.0.1:" + http,
                "server.http.advertised_address=127.0.0.1:" + http,
                "server.https.enabled=false",
                "dbms.security.auth_enabled=true",
                "dbms.usage_report.enabled=false",
                "server.memory.pagecache.size=" + env("NEO4J_PAGECACHE", "512m"),
                "db.tx_log.rotation.retention_policy=2 files",
                "db.transaction.timeout=0",
                "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(String text, String name) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0 && value < 65536) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        fail(name + " must be a port number 1..65535, got '" + text + "'");
        return -1;
    }

    private static void fail(String message) {
        System.err.println("ipnav-neo4j: " + message);
        System.exit(2);
    }
}
