package io.queryflux.core.internal.config;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.core.config.TlsConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.queryflux.core.internal.config.ConfigProblems.child;
import static io.queryflux.core.internal.config.ConfigProblems.index;

/**
 * Reads the security parts of a YAML config: the top-level {@code auth} section and a frontend's
 * {@code tls}. Structural keys become record fields; the rest of {@code auth} goes to the
 * properties, for the auth provider's factory to check. Messages never echo a value, which may be a secret.
 */
final class AuthConfigReader
{
    private static final String AUTH = "auth";
    private static final Set<String> AUTH_KEYS = Set.of("provider", "required", "operators", "impersonation");
    private static final Set<String> OPERATOR_KEYS = Set.of("users", "groups");
    private static final Set<String> IMPERSONATION_KEYS = Set.of("user", "mayActAs");
    private static final Set<String> TLS_KEYS = Set.of("enabled", "keystorePath", "keystorePassword", "keystoreType");

    private final ConfigProblems problems;

    AuthConfigReader(ConfigProblems problems)
    {
        this.problems = problems;
    }

    AuthConfig readAuth(Object value)
    {
        if (value == null) {
            return AuthConfig.defaults();
        }
        Map<String, Object> auth = YamlValues.map(value, AUTH, problems).orElse(Map.of());
        String provider = Objects.requireNonNullElse(YamlValues.string(auth.get("provider"), child(AUTH, "provider"), problems), AuthConfig.NONE);
        boolean required = YamlValues.bool(auth.get("required"), child(AUTH, "required"), problems).orElse(false);
        String operatorsPath = child(AUTH, "operators");
        Map<String, Object> operators = YamlValues.map(auth.get("operators"), operatorsPath, problems).orElse(Map.of());
        YamlValues.reportUnknownKeys(operators, OPERATOR_KEYS, operatorsPath, problems);
        return new AuthConfig(
                provider,
                required,
                strings(operators.get("users"), child(operatorsPath, "users")),
                strings(operators.get("groups"), child(operatorsPath, "groups")),
                impersonation(auth.get("impersonation")),
                YamlValues.without(auth, AUTH_KEYS));
    }

    TlsConfig readTls(Object value, String path)
    {
        if (value == null) {
            return TlsConfig.disabled();
        }
        Map<String, Object> tls = YamlValues.map(value, path, problems).orElse(Map.of());
        YamlValues.reportUnknownKeys(tls, TLS_KEYS, path, problems);
        return new TlsConfig(
                YamlValues.bool(tls.get("enabled"), child(path, "enabled"), problems).orElse(true),
                YamlValues.string(tls.get("keystorePath"), child(path, "keystorePath"), problems),
                secret(tls.get("keystorePassword"), child(path, "keystorePassword")),
                YamlValues.string(tls.get("keystoreType"), child(path, "keystoreType"), problems));
    }

    private List<AuthConfig.Impersonation> impersonation(Object value)
    {
        String path = child(AUTH, "impersonation");
        List<Object> entries = YamlValues.list(value, path, problems).orElse(List.of());
        List<AuthConfig.Impersonation> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String rulePath = index(path, i);
            if (entries.get(i) == null) {
                problems.add(rulePath, "must be a map, not empty");
                continue;
            }
            YamlValues.map(entries.get(i), rulePath, problems).ifPresent(rule -> {
                YamlValues.reportUnknownKeys(rule, IMPERSONATION_KEYS, rulePath, problems);
                // Missing patterns read as blank, for the validator to report.
                rules.add(new AuthConfig.Impersonation(
                        Objects.requireNonNullElse(YamlValues.string(rule.get("user"), child(rulePath, "user"), problems), ""),
                        Objects.requireNonNullElse(YamlValues.string(rule.get("mayActAs"), child(rulePath, "mayActAs"), problems), "")));
            });
        }
        return rules;
    }

    private Set<String> strings(Object value, String path)
    {
        Set<String> result = new LinkedHashSet<>();
        List<Object> entries = YamlValues.list(value, path, problems).orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            if (entry == null || entry instanceof Map || entry instanceof List) {
                problems.add(index(path, i), "must be a string");
            }
            else {
                result.add(entry.toString());
            }
        }
        return result;
    }

    // Unlike YamlValues.string, never shows the value in a problem.
    private String secret(Object value, String path)
    {
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problems.add(path, "must be a string");
            return null;
        }
        return value.toString();
    }
}
