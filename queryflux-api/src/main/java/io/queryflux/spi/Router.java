package io.queryflux.spi;

/**
 * Decides which cluster group runs a query. Routers run in their configured order and the first
 * one with an opinion wins. A router is called concurrently and must not block.
 */
public interface Router
{
    RoutingDecision route(String sql, SessionContext session);
}
