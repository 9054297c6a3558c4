package nota;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node in this JVM, as OpenSearch's test framework starts its nodes (a Node with
 * its plugins given as classes on the class path, no plugin folder, no security manager).
 *
 * <pre>java -cp ... nota.NotaNode HOME NAME HTTP_PORT TRANSPORT_PORT SEEDS MASTERS</pre>
 *
 * HOME is the node's folder (data and logs go under it); SEEDS the transport addresses of the
 * cluster's nodes (comma-separated), MASTERS their names (the initial cluster-manager nodes).
 * The node runs until the process is stopped.
 */
public final class NotaNode extends Node {
    private NotaNode(Settings settings) {
        super(
            InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> settings.get("node.name")),
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class),
            false
        );
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: NotaNode HOME NAME HTTP_PORT TRANSPORT_PORT SEEDS MASTERS");
            System.exit(2);
        }
        Configurator.setRootLevel(Level.WARN);
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "nota-test")
            .put("node.name", args[1])
            .put("network.host", "127.0.0.1")
            .put("http.port", args[2])
            .put("transport.port", args[3])
            .putList("discovery.seed_hosts", List.of(args[4].split(",")))
            .putList("cluster.initial_cluster_manager_nodes", List.of(args[5].split(",")))
            .put("transport.type", "netty4")
            .put("http.type", "netty4")
            // A test machine's disk is often fuller than OpenSearch's defaults allow.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", false)
            .build();
        NotaNode node = new NotaNode(settings);
        node.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                // Stopping anyway.
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
