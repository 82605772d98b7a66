package io.queryflux.spi;

/**
 * What a backend factory knows about the cluster it builds.
 *
 * @param groupName the cluster group
 * @param clusterName the cluster, unique within the server
 * @param maxRunningQueries how many queries QueryFlux admits to this cluster at once
 */
public record BackendContext(String groupName, String clusterName, int maxRunningQueries)
{
}
