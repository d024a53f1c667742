package dev.sturdy.model.approx;
public final class AppRelu { public static double apply(double z,double b,CompositeSign s){return (z+z*s.evaluate(z/b))/2;} }
