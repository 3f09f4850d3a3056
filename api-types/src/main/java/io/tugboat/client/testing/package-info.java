/**
 * Test doubles for unit tests of controllers and other pure logic: {@link io.tugboat.client.testing.FakeClock}
 * (time moves only when the test says), {@link io.tugboat.client.testing.FakeObjectClient} (an in-memory client
 * that follows the API server's concurrency rules and records every call) and
 * {@link io.tugboat.client.testing.Listers} (informer caches filled by hand). Integration tests use the real API
 * server instead (see the {@code integration-tests} module).
 */
package io.tugboat.client.testing;
