/**
 * Binding through pods/{name}/binding. See {@link io.tugboat.scheduler.plugins.defaultbinder.DefaultBinderPlugin}.
 */
package io.tugboat.scheduler.plugins.defaultbinder;
