package io.queryflux.core.internal.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keys for remembering verified credentials without keeping them: an HMAC-SHA256 of the user name and
 * password under a random key that lives only in this process, so a cache key reveals nothing and
 * cannot be precomputed.
 */
final class CredentialDigest
{
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    CredentialDigest()
    {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    String of(String user, String password)
    {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            // A separator that cannot occur in a Basic user name keeps ("ab", "c") and ("a", "bc") apart.
            mac.update((byte) ':');
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
