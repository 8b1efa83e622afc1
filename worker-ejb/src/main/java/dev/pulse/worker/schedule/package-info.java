/**
 * Timer EJBs, one per job: the alert tick, stream trimming, metric rollups, the purge of deleted
 * projects and retention. Each skips a run while its previous one is still going.
 */
package dev.pulse.worker.schedule;
