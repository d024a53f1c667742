/** The fixed-point policy of secure inference: scales, bit widths and rings, read by the model's plans and by the protocol. */
package dev.sturdy.model.fixed;
