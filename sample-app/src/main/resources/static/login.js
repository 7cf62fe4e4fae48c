// The login page. The form posts to Spring Security's login endpoint with fetch(), so it can
// send the CSRF token the way the chat page does: from the XSRF-TOKEN cookie in the
// X-XSRF-TOKEN header (csrf.spa() expects a masked token in a form field, which a static
// page cannot compute). Spring Security answers with a redirect: back to login?error for
// wrong credentials, else to the chat (or to the page that asked to sign in).
(function () {
	'use strict';

	const form = document.getElementById('login-form');
	const submit = document.getElementById('login-submit');
	const error = document.getElementById('login-error');
	const current = document.getElementById('current');

	function showError(message) {
		error.textContent = message || '';
		error.hidden = !message;
	}

	function csrfToken() {
		const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
		return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
	}

	if (new URLSearchParams(location.search).has('error')) {
		showError('Wrong user name or password.');
	}

	// GET me sets the XSRF-TOKEN cookie, and says whether someone is signed in already
	const ready = fetch('me', { headers: { Accept: 'application/json' } })
		.then((response) => response.json())
		.then((user) => {
			if (user.name) {
				current.textContent = 'You are signed in as ' + user.name
					+ '. Logging in as someone else signs every tab of this browser in as them.';
				current.hidden = false;
			}
		})
		.catch(() => showError('Could not reach the server.'));

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		showError(null);
		submit.disabled = true;
		try {
			await ready;
			const response = await fetch(form.action, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': csrfToken() },
				body: new URLSearchParams(new FormData(form)),
			});
			const landed = new URL(response.url);
			if (!response.ok) {
				showError('Logging in failed: HTTP ' + response.status);
			}
			else if (landed.pathname.endsWith('/login')) {
				showError('Wrong user name or password.');
			}
			else {
				location.assign(landed.href);
			}
		}
		catch (ex) {
			showError('Logging in failed: ' + ex.message);
		}
		finally {
			submit.disabled = false;
		}
	});
})();
