package dev.sockets.test;

/**
 * Says which kind of thread a test's code ran on.
 */
public final class ThreadDescriptions {

	private ThreadDescriptions() {
	}

	/**
	 * A thread's name and kind.
	 * @param thread the thread
	 * @return {@code "<name> virtual"} or {@code "<name> platform"}
	 */
	public static String describe(Thread thread) {
		try {
			// Thread.isVirtual is Java 21 API, and the sources are Java 17
			boolean virtual = (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			return thread.getName() + (virtual ? " virtual" : " platform");
		}
		catch (NoSuchMethodException ex) {
			return thread.getName() + " platform";
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
