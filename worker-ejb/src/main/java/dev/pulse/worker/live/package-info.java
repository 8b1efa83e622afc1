/**
 * The Redis side of the live gateway: the one pub/sub subscription per node that hears every node's
 * alert changes and metric values, and the reader of each project's bounded log of numbered alert
 * changes. The gateway reaches both through {@code application.LiveUpdates}.
 */
package dev.pulse.worker.live;
