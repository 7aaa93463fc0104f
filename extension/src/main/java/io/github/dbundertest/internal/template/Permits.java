package io.github.dbundertest.internal.template;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;

/**
 * Waits for a permit the way JUnit's parallel executor expects blocking to be done: as a managed block, so that
 * its fork-join pool can keep other work (the classes that will give permits back) running meanwhile.
 */
final class Permits implements ForkJoinPool.ManagedBlocker {

	private final Semaphore semaphore;
	private boolean acquired;

	private Permits(Semaphore semaphore) {
		this.semaphore = semaphore;
	}

	static void acquire(Semaphore semaphore) throws InterruptedException {
		if (!semaphore.tryAcquire()) {
			ForkJoinPool.managedBlock(new Permits(semaphore));
		}
	}

	@Override
	public boolean block() throws InterruptedException {
		if (!acquired) {
			semaphore.acquire();
			acquired = true;
		}
		return true;
	}

	@Override
	public boolean isReleasable() {
		if (!acquired) {
			acquired = semaphore.tryAcquire();
		}
		return acquired;
	}
}
