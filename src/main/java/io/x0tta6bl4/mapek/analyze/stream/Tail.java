package io.x0tta6bl4.mapek.analyze.stream;

/**
 * The upper tail of the standard normal distribution, on a log scale so that far tails stay exact.
 */
final class Tail {

  private Tail() {}

  /**
   * ln Q(z) for z &ge; 0, Q the standard normal upper tail. Uses the Abramowitz-Stegun 7.1.26 form
   * of erfc (absolute error below 1.5e-7, a few percent relative error in the far tail, which is
   * plenty for a score that only has to order tails); beyond z = 8 the asymptotic form -z²/2 - ln(z
   * √(2π)) keeps it growing instead of underflowing.
   */
  static double logUpper(double z) {
    if (z > 8) {
      return -0.5 * z * z - Math.log(z * Math.sqrt(2 * Math.PI));
    }
    double x = z / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return Math.log(0.5 * poly) - x * x;
  }
}
