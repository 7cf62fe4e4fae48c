package dev.sockets.broker;

/**
 * The history contract for {@link LocalBroker}.
 */
class LocalBrokerHistoryTests extends HistoryContractTests {

	@Override
	protected Broker startNode(BrokerListener listener) {
		LocalBroker broker = new LocalBroker();
		broker.start(listener);
		return broker;
	}

}
