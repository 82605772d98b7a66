package io.queryflux.core.internal.config;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.core.config.ClusterConfig;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.config.RouterConfig;
import io.queryflux.core.config.TlsConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static io.queryflux.core.internal.config.ConfigProblems.child;
import static io.queryflux.core.internal.config.ConfigProblems.index;

/**
 * The structural rules of a {@link QueryFluxConfig}: what must hold whatever the engines, routers
 * and frontends are. The settings of each of those are checked later by its factory.
 */
public final class ConfigValidator
{
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final int MAX_PORT = 65535;

    private final List<Problem> found = new ArrayList<>();
    // Cluster name -> the path of the cluster that first used it.
    private final Map<String, String> clusterPaths = new HashMap<>();

    private ConfigValidator() {}

    /**
     * Adds every rule that {@code config} breaks to {@code problems}, except at paths where
     * {@code problems} already holds a problem: a group that was not a map need not also be told
     * that it has no engine.
     */
    public static void validate(QueryFluxConfig config, ConfigProblems problems)
    {
        ConfigValidator validator = new ConfigValidator();
        validator.check(config);
        // Filter against the problems recorded before, not against each other: two broken rules at one path are both real.
        List<Problem> uncovered = validator.found.stream()
                .filter(problem -> !problems.covers(problem.path()))
                .toList();
        uncovered.forEach(problem -> problems.add(problem.path(), problem.message()));
    }

    private void check(QueryFluxConfig config)
    {
        checkExternalAddress(config.externalAddress());
        config.frontends().forEach(this::checkFrontend);
        checkClusterGroups(config.clusterGroups());
        for (int i = 0; i < config.routers().size(); i++) {
            checkRouter(index("routers", i), config.routers().get(i));
        }
        checkRoutingFallback(config.routingFallback(), config.clusterGroups().keySet());
        checkAuth(config.auth());
    }

    private void checkExternalAddress(String address)
    {
        if (address == null) {
            return;
        }
        String path = "queryflux.externalAddress";
        URI uri;
        try {
            uri = new URI(address);
        }
        catch (URISyntaxException e) {
            report(path, "is not a valid URI: " + e.getMessage());
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            report(path, "must be an absolute http or https URI such as http://queryflux.example.com:8080, not '" + address + "'");
        }
        else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            report(path, "must not have a query or a fragment, but is '" + address + "'");
        }
    }

    private void checkFrontend(String key, FrontendConfig frontend)
    {
        String path = child("queryflux.frontends", key);
        if (!key.equals(frontend.name())) {
            report(child(path, "name"), "'" + frontend.name() + "' differs from the frontend's key");
        }
        if (frontend.port() < 0 || frontend.port() > MAX_PORT) {
            report(child(path, "port"), "must be between 0 and " + MAX_PORT + ", not " + frontend.port());
        }
        checkTls(child(path, "tls"), frontend.tls());
    }

    private void checkTls(String path, TlsConfig tls)
    {
        if (!tls.enabled()) {
            return;
        }
        if (tls.keystorePath() == null || tls.keystorePath().isBlank()) {
            report(child(path, "keystorePath"), "is required when TLS is enabled");
        }
        if (tls.keystorePassword() == null) {
            report(child(path, "keystorePassword"), "is required when TLS is enabled");
        }
    }

    private void checkAuth(AuthConfig auth)
    {
        if (auth.provider().isBlank()) {
            report("auth.provider", "must not be blank");
        }
        for (int i = 0; i < auth.impersonation().size(); i++) {
            String path = index("auth.impersonation", i);
            AuthConfig.Impersonation rule = auth.impersonation().get(i);
            checkPattern(child(path, "user"), rule.user());
            checkPattern(child(path, "mayActAs"), rule.mayActAs());
        }
    }

    private void checkPattern(String path, String pattern)
    {
        if (pattern.isBlank()) {
            report(path, "is required");
            return;
        }
        try {
            Pattern.compile(pattern);
        }
        catch (PatternSyntaxException e) {
            report(path, "is not a valid regular expression: " + e.getDescription());
        }
    }

    private void checkClusterGroups(Map<String, ClusterGroupConfig> groups)
    {
        if (groups.isEmpty()) {
            report("clusterGroups", "must contain at least one cluster group");
        }
        groups.forEach((key, group) -> checkClusterGroup(child("clusterGroups", key), key, group));
    }

    private void checkClusterGroup(String path, String key, ClusterGroupConfig group)
    {
        if (!GROUP_NAME.matcher(key).matches()) {
            report(path, "is not a valid group name: use only letters, digits, '_', '.' and '-'");
        }
        if (!key.equals(group.name())) {
            report(child(path, "name"), "'" + group.name() + "' differs from the group's key");
        }
        if (group.engine() == null || group.engine().isBlank()) {
            report(child(path, "engine"), "is required");
        }
        if (group.maxRunningQueries() <= 0) {
            report(child(path, "maxRunningQueries"), "must be > 0, not " + group.maxRunningQueries());
        }
        if (group.maxQueuedQueries() < 0) {
            report(child(path, "maxQueuedQueries"), "must be >= 0, not " + group.maxQueuedQueries());
        }
        if (group.capacityWaitTimeout().isNegative() || group.capacityWaitTimeout().isZero()) {
            report(child(path, "capacityWaitTimeout"), "must be > 0, not " + group.capacityWaitTimeout());
        }
        String clustersPath = child(path, "clusters");
        if (group.clusters().isEmpty()) {
            report(clustersPath, "must contain at least one cluster");
        }
        for (int i = 0; i < group.clusters().size(); i++) {
            checkCluster(index(clustersPath, i), group.clusters().get(i));
        }
    }

    private void checkCluster(String path, ClusterConfig cluster)
    {
        String namePath = child(path, "name");
        if (cluster.name().isBlank()) {
            report(namePath, "is required");
        }
        else {
            String firstPath = clusterPaths.putIfAbsent(cluster.name(), path);
            if (firstPath != null) {
                report(namePath, "'" + cluster.name() + "' is already used by " + firstPath + "; cluster names must be unique");
            }
        }
        cluster.maxRunningQueries().ifPresent(maxRunningQueries -> {
            if (maxRunningQueries <= 0) {
                report(child(path, "maxRunningQueries"), "must be > 0, not " + maxRunningQueries);
            }
        });
    }

    private void checkRouter(String path, RouterConfig router)
    {
        if (router.type().isBlank()) {
            report(child(path, "type"), "is required");
        }
    }

    private void checkRoutingFallback(String fallback, Set<String> groupNames)
    {
        if (fallback == null || fallback.isBlank()) {
            report("routingFallback", "is required");
        }
        else if (!groupNames.contains(fallback)) {
            String configured = groupNames.isEmpty() ? "none is configured" : "configured: " + String.join(", ", groupNames);
            report("routingFallback", "'" + fallback + "' is not a cluster group (" + configured + ")");
        }
    }

    private void report(String path, String message)
    {
        found.add(new Problem(path, message));
    }

    private record Problem(String path, String message)
    {
    }
}
