package dev.sockets.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vectors from Pusher's documentation and the protocol digest, reproduced with openssl
 * and the pusher npm SDK.
 */
class ChannelAuthTests {

	private final ChannelAuth auth = new ChannelAuth("app-key", new Signatures("app-secret"));

	@Test
	void signsPrivateChannelsAsPushersDocumentationDoes() {
		ChannelAuth docs = new ChannelAuth("278d425bdf160c739803", new Signatures("7ad3773142a6692b25b8"));
		assertThat(docs.sign("1234.1234", "private-foobar", null))
			.isEqualTo("278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4");
		assertThat(this.auth.sign("123.456", "private-orders.42", null))
			.isEqualTo("app-key:603b7287bf28824dab0789b6a7866ffe4ea69b857e9501adf6f60682cd207eeb");
	}

	@Test
	void signsPresenceChannelsOverTheExactChannelData() {
		assertThat(
				this.auth.sign("123.456", "presence-room.7", "{\"user_id\":\"42\",\"user_info\":{\"name\":\"Ada\"}}"))
			.isEqualTo("app-key:e853bd8ae221a090538901d7a29f9c6efa949f264a058c07e0cad3a8709cf8fc");
	}

	@Test
	void acceptsOnlyTheSignatureForThisSocketAndChannel() {
		String valid = "app-key:603b7287bf28824dab0789b6a7866ffe4ea69b857e9501adf6f60682cd207eeb";
		assertThat(this.auth.problem(valid, "123.456", "private-orders.42", null)).isNull();
		assertThat(this.auth.problem(valid, "123.457", "private-orders.42", null)).startsWith("Invalid signature");
		assertThat(this.auth.problem(valid, "123.456", "private-orders.43", null)).startsWith("Invalid signature");
		assertThat(this.auth.problem(valid.replace("app-key", "other"), "123.456", "private-orders.42", null))
			.isEqualTo("Invalid key in subscription auth data");
		assertThat(this.auth.problem("no-colon", "123.456", "private-orders.42", null)).contains("key:signature");
		assertThat(this.auth.problem("", "123.456", "private-orders.42", null)).contains("needs an 'auth'");
		assertThat(this.auth.problem(null, "123.456", "private-orders.42", null)).contains("needs an 'auth'");
	}

}
