package dev.sturdy.model.approx;
public final class AppMax { public AppMax(CompositeSign s,double b,int k){} public double max(double a,double b){return Math.max(a,b);} }
