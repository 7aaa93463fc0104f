package io.github.dbundertest.internal.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which process on which host created a database, written into the database's comment so that a later run can
 * tell the debris of a dead run from a database in use by a live one (on this host or another).
 *
 * @param pid the creating process
 * @param host the host it ran on
 */
record Ownership(long pid, String host) {

	private static final Pattern COMMENT = Pattern.compile("created by dbundertest: pid=(\\d+) host=(\\S+) .*");

	private static final Ownership CURRENT = new Ownership(ProcessHandle.current().pid(), hostName());

	static Ownership current() {
		return CURRENT;
	}

	String comment() {
		return "created by dbundertest: pid=" + pid + " host=" + host + " at " + Instant.now()
				+ "; dropped when that run ends";
	}

	static Optional<Ownership> parse(String comment) {
		if (comment == null) {
			return Optional.empty();
		}
		Matcher matcher = COMMENT.matcher(comment);
		return matcher.matches() ? Optional.of(new Ownership(Long.parseLong(matcher.group(1)), matcher.group(2)))
				: Optional.empty();
	}

	/** Only where this can be proven: same host, and no such process any more. */
	boolean isOfDeadProcessOnThisHost() {
		return host.equals(CURRENT.host) && pid != CURRENT.pid
				&& ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
		}
		catch (UnknownHostException e) {
			return "unknown-host";
		}
	}
}
