package dev.sturdy.model.approx;

/** An unevaluated sum hi + lo of two doubles (about 106 bits), for the few ill-conditioned conversions. */
record DoubleDouble(double hi, double lo) {

    static final DoubleDouble ZERO = new DoubleDouble(0, 0);
    static final DoubleDouble ONE = new DoubleDouble(1, 0);

    static DoubleDouble of(double x) {
        return new DoubleDouble(x, 0);
    }

    DoubleDouble add(DoubleDouble o) {
        double s = hi + o.hi;
        double bb = s - hi;
        double e = (hi - (s - bb)) + (o.hi - bb);
        double t = lo + o.lo;
        double tb = t - lo;
        double f = (lo - (t - tb)) + (o.lo - tb);
        e += t;
        double s1 = s + e;
        e = e - (s1 - s);
        e += f;
        double s2 = s1 + e;
        return new DoubleDouble(s2, e - (s2 - s1));
    }

    DoubleDouble negate() {
        return new DoubleDouble(-hi, -lo);
    }

    DoubleDouble subtract(DoubleDouble o) {
        return add(o.negate());
    }

    DoubleDouble multiply(DoubleDouble o) {
        double p = hi * o.hi;
        double e = Math.fma(hi, o.hi, -p) + (hi * o.lo + lo * o.hi);
        double s = p + e;
        return new DoubleDouble(s, e - (s - p));
    }

    DoubleDouble divide(DoubleDouble o) {
        double q1 = hi / o.hi;
        DoubleDouble r = subtract(o.multiply(of(q1)));
        double q2 = r.hi / o.hi;
        r = r.subtract(o.multiply(of(q2)));
        double q3 = r.hi / o.hi;
        return of(q1).add(of(q2)).add(of(q3));
    }

    double value() {
        return hi + lo;
    }
}
