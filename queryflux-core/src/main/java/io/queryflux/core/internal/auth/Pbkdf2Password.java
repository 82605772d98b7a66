package io.queryflux.core.internal.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A password hash of the {@code static} auth provider: PBKDF2 with HMAC-SHA256 from the JDK, written
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}. Verification is constant-time
 * in the hash comparison. Parse errors never quote the text, which may be a password by mistake.
 */
public final class Pbkdf2Password
{
    public static final String PREFIX = "pbkdf2-sha256";
    /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    public static final int MIN_ITERATIONS = 10_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private Pbkdf2Password(int iterations, byte[] salt, byte[] hash)
    {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh random salt, in the stored form. */
    public static String hash(char[] password, int iterations)
    {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS);
        }
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        byte[] hash = derive(password, salt, iterations, HASH_BYTES);
        return PREFIX + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException saying what is wrong, without quoting {@code encoded}
     */
    public static Pbkdf2Password parse(String encoded)
    {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("must be a hash of the form " + PREFIX + "$<iterations>$<salt>$<hash> (see io.queryflux.examples.PasswordHash); plain-text passwords are not accepted");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("has an invalid iteration count");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("must use between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS + " iterations");
        }
        byte[] salt = decode(parts[2]);
        byte[] hash = decode(parts[3]);
        if (salt.length < 8 || hash.length < 16) {
            throw new IllegalArgumentException("has a salt or hash that is too short");
        }
        return new Pbkdf2Password(iterations, salt, hash);
    }

    private static byte[] decode(String base64)
    {
        try {
            return Base64.getDecoder().decode(base64);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a salt or hash that is not base64");
        }
    }

    /** A hash no password matches, costing as much to check as a real one with {@code iterations}. */
    static Pbkdf2Password unmatchable(int iterations)
    {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new Pbkdf2Password(iterations, salt, new byte[HASH_BYTES]);
    }

    public boolean matches(String password)
    {
        char[] chars = password.toCharArray();
        try {
            return MessageDigest.isEqual(derive(chars, salt, iterations, hash.length), hash);
        }
        finally {
            Arrays.fill(chars, '\0');
        }
    }

    public int iterations()
    {
        return iterations;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int length)
    {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
        finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString()
    {
        return PREFIX + "[iterations=" + iterations + "]";
    }
}
