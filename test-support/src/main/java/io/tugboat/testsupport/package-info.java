/**
 * JUnit 5 support for Tugboat's integration tests: extensions that start real dependencies
 * (etcd) once per test class on free ports and stop them afterwards.
 */
package io.tugboat.testsupport;
