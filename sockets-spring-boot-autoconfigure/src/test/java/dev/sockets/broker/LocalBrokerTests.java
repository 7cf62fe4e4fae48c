package dev.sockets.broker;

/**
 * The {@link Broker} contract for {@link LocalBroker}.
 */
class LocalBrokerTests extends BrokerContractTests {

	@Override
	protected Broker startNode(BrokerListener listener) {
		LocalBroker broker = new LocalBroker();
		broker.start(listener);
		return broker;
	}

}
