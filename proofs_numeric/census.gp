# census.gp -- plot of a census table (tsalign certify --census --csv):
# certified loss and lambda_min lower bound of every certified strict local
# minimum against k.  Usage: gnuplot -e "csv='T.csv'; png='T.png'" census.gp
set datafile separator comma
set terminal pngcairo size 900,700 noenhanced
set output png
min(s) = (s eq 'strict local minimum')
set multiplot layout 2,1 title 'census: certified strict local minima by k (' . csv . ')'
set xlabel 'k'
set offsets 1, 1, 0, 0
set ylabel 'loss J (certified; > 0: spurious)'
plot csv every ::1 using 1:(min(strcol(4)) ? (column(5) + column(6)) / 2 : NaN) \
     with points pt 7 ps 0.5 notitle
set logscale y
set ylabel 'lambda_min lower bound (certified)'
plot csv every ::1 using 1:(min(strcol(4)) ? column(7) : NaN) \
     with points pt 7 ps 0.5 lc rgb '#c04040' notitle
unset multiplot
