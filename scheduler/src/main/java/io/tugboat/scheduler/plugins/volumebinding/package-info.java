/**
 * Volumes and placement: a pod goes where its bound volumes are. See
 * {@link io.tugboat.scheduler.plugins.volumebinding.VolumeBindingPlugin} and docs/storage.md.
 */
package io.tugboat.scheduler.plugins.volumebinding;
