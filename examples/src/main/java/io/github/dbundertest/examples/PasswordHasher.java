package io.github.dbundertest.examples;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted password hashes with the JDK's PBKDF2-HMAC-SHA256, encoded as
 * {@code pbkdf2_sha256$<iterations>$<salt>$<hash>} (salt and hash in Base64).
 *
 * <p>The iteration count travels with each hash, so a hash made with fewer iterations (as in the test seed)
 * still verifies after the default goes up.
 */
public final class PasswordHasher {

	/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
	public static final int DEFAULT_ITERATIONS = 600_000;

	private static final String PREFIX = "pbkdf2_sha256";
	private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
	private static final int SALT_BYTES = 16;
	private static final int HASH_BITS = 256;

	private final int iterations;
	private final SecureRandom random = new SecureRandom();

	public PasswordHasher() {
		this(DEFAULT_ITERATIONS);
	}

	/** @param iterations the work factor of new hashes; tests use a small one to stay fast */
	public PasswordHasher(int iterations) {
		if (iterations < 1) {
			throw new IllegalArgumentException("iterations must be positive, got " + iterations);
		}
		this.iterations = iterations;
	}

	/** A new hash of the password, with a fresh random salt. */
	public String hash(String password) {
		byte[] salt = new byte[SALT_BYTES];
		random.nextBytes(salt);
		Base64.Encoder base64 = Base64.getEncoder();
		return String.join("$", PREFIX, Integer.toString(iterations), base64.encodeToString(salt),
				base64.encodeToString(pbkdf2(password, salt, iterations)));
	}

	/** Whether the password is the one the stored hash was made from. */
	public boolean verify(String password, String storedHash) {
		String[] parts = storedHash.split("\\$");
		if (parts.length != 4 || !parts[0].equals(PREFIX)) {
			throw new IllegalArgumentException("Not a " + PREFIX + " hash: " + parts[0]);
		}
		Base64.Decoder base64 = Base64.getDecoder();
		byte[] expected = base64.decode(parts[3]);
		byte[] actual = pbkdf2(password, base64.decode(parts[2]), Integer.parseInt(parts[1]));
		return MessageDigest.isEqual(expected, actual); // constant time: no hint how much of the hash matched
	}

	private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
		PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
		try {
			return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(ALGORITHM + " is part of every Java 17+ runtime", e);
		}
		finally {
			spec.clearPassword();
		}
	}
}
